package org.chorus.reporting;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.chorus.platform.architecture.ChorusArchitecture;

/** The architecture every Chorus module keeps ({@link ChorusArchitecture}). */
@AnalyzeClasses(packages = "org.chorus.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests chorus = ArchTests.in(ChorusArchitecture.class);
}
