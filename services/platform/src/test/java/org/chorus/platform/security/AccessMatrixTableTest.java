package org.chorus.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.platform.v1.Access;
import org.chorus.platform.v1.Allow;
import org.chorus.platform.v1.CallerKind;
import org.chorus.platform.v1.Relation;
import org.junit.jupiter.api.Test;

/**
 * The access matrix in the docs is generated from the contract and kept in step with it: this test
 * renders {@code docs/access-matrix.md} from every RPC's {@code chorus.platform.v1.access} and fails
 * when the file differs, saying how to write it again
 * ({@code ./mvnw -pl services/platform test -Dtest=AccessMatrixTableTest -Daccess-matrix.write=true}).
 */
class AccessMatrixTableTest {

    private static final List<CallerKind> COLUMNS = List.of(CallerKind.COORDINATOR, CallerKind.FACILITATOR,
            CallerKind.FINANCE, CallerKind.MEMBER, CallerKind.VIEWER, CallerKind.DASHBOARD, CallerKind.SERVICE);

    @Test
    void theDocsTableIsTheContractsMatrix() throws IOException {
        Path file = repositoryRoot().resolve("docs/access-matrix.md");
        String rendered = render(ProtoDescriptors.load(getClass().getClassLoader()).services("chorus."));
        if (Boolean.getBoolean("access-matrix.write")) {
            Files.writeString(file, rendered);
        }
        assertThat(Files.exists(file) ? Files.readString(file) : "")
                .as("docs/access-matrix.md is generated from the contract; write it again with "
                        + "./mvnw -pl services/platform test -Dtest=AccessMatrixTableTest -Daccess-matrix.write=true")
                .isEqualTo(rendered);
    }

    @Test
    void everyRpcOfTheContractDeclaresItsAccess() {
        List<String> undeclared = ProtoDescriptors.load(getClass().getClassLoader()).services("chorus.").stream()
                .flatMap(service -> service.getMethods().stream())
                .filter(method -> DeclaredAccess.of(method).isEmpty())
                .map(MethodDescriptor::getFullName)
                .toList();
        assertThat(undeclared).isEmpty();
    }

    static String render(List<ServiceDescriptor> services) {
        StringBuilder out = new StringBuilder("""
                # Who may do what: the access matrix

                Generated from the contract (`option (chorus.platform.v1.access)` on each RPC in `proto/`) by
                `AccessMatrixTableTest`; do not edit by hand. Every service refuses a caller the method does not
                allow before the method runs, and checks the relation to the object ("own", "not own", "not made
                by them") and the object rules in its use case. A role held in a commission (facilitator,
                finance, member, viewer) counts only for the commission the request names. "Anyone signed in"
                means any valid token; the service then narrows what each caller sees.

                """);
        for (ServiceDescriptor service : services) {
            out.append("## ").append(service.getFullName()).append("\n\n");
            out.append("| method | HTTP | ")
                    .append(COLUMNS.stream().map(AccessMatrixTableTest::heading).collect(Collectors.joining(" | ")))
                    .append(" | rules checked on the object |\n");
            out.append("|---|---|").append("---|".repeat(COLUMNS.size())).append("---|\n");
            for (MethodDescriptor method : service.getMethods()) {
                Access access = DeclaredAccess.of(method).map(DeclaredAccess::access).orElse(Access.getDefaultInstance());
                out.append("| `").append(method.getName()).append("` | ").append(http(method)).append(" | ");
                for (CallerKind column : COLUMNS) {
                    out.append(cell(access, column)).append(" | ");
                }
                out.append(String.join(" ", access.getObjectRulesList())).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(Access access, CallerKind column) {
        if (access.getAllowList().stream().anyMatch(a -> a.getCaller() == CallerKind.SIGNED_IN)) {
            return "anyone signed in";
        }
        return access.getAllowList().stream()
                .filter(allow -> allow.getCaller() == column)
                .findFirst()
                .map(AccessMatrixTableTest::allowed)
                .orElse("—");
    }

    private static String allowed(Allow allow) {
        if (allow.getRelationsCount() == 0) {
            return "yes";
        }
        return allow.getRelationsList().stream().map(AccessMatrixTableTest::words).collect(Collectors.joining(", "));
    }

    private static String words(Relation relation) {
        return switch (relation) {
            case OWN -> "own";
            case NOT_OWN -> "not own";
            case CREATED_BY_CALLER -> "made by them";
            case NOT_CREATED_BY_CALLER -> "not made by them";
            case RELATION_UNSPECIFIED, UNRECOGNIZED -> "?";
        };
    }

    private static String heading(CallerKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String http(MethodDescriptor method) {
        if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
            return "—";
        }
        HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
        String verb = switch (rule.getPatternCase()) {
            case GET -> "GET " + rule.getGet();
            case POST -> "POST " + rule.getPost();
            case PATCH -> "PATCH " + rule.getPatch();
            case PUT -> "PUT " + rule.getPut();
            case DELETE -> "DELETE " + rule.getDelete();
            default -> "—";
        };
        return "`" + verb + "`";
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("docs")) ) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("No docs/ above " + Path.of("").toAbsolutePath());
        }
        return here;
    }
}
