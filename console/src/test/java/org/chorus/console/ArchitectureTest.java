package org.chorus.console;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.chorus.platform.architecture.ModuleBoundaries;

/** The architecture every Chorus module keeps that is not about hexagonal layers: the console has no domain of its own. */
@AnalyzeClasses(packages = "org.chorus.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests chorus = ArchTests.in(ModuleBoundaries.class);
}
