package org.chorus.platform.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chorus.contract.ContractRules;
import org.chorus.platform.errors.ChorusException;

/**
 * One kind of resource name, written as the contract's {@code google.api.resource} pattern, for
 * example {@code commissions/{commission}/sessions/{session}/attendance/{member}}. The one parser of
 * resource names: {@code {commission}} by {@link ContractRules#isCommissionId}, {@code {organization}}
 * by {@link ContractRules#isOrganizationId}, every other id by {@link ContractRules#isResourceId}. Immutable and safe to share; declare each as a constant.
 */
public final class ResourcePattern {

    /** The variable that names the commission, by the contract's convention. */
    public static final String COMMISSION = "commission";

    /** The variable that names a member organisation. */
    public static final String ORGANIZATION = "organization";

    /** {@code commissions/{commission}}. */
    public static final ResourcePattern COMMISSION_NAME = of("commissions/{commission}");

    /** {@code commissions/{commission}/members/{member}}: a person, as every service names them. */
    public static final ResourcePattern MEMBER_NAME = of("commissions/{commission}/members/{member}");

    private final String pattern;
    private final List<String> segments;
    private final List<String> variables;

    private ResourcePattern(String pattern, List<String> segments, List<String> variables) {
        this.pattern = pattern;
        this.segments = segments;
        this.variables = variables;
    }

    /**
     * @throws IllegalArgumentException when {@code pattern} is not of the form
     *                                  {@code literal/{variable}/literal/{variable}…} (a programming mistake)
     */
    public static ResourcePattern of(String pattern) {
        List<String> segments = List.of(pattern.split("/", -1));
        List<String> variables = new ArrayList<>();
        for (String segment : segments) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String variable = segment.substring(1, segment.length() - 1);
                if (variables.contains(variable)) {
                    throw new IllegalArgumentException("A variable appears twice in " + pattern);
                }
                variables.add(variable);
            } else if (segment.isEmpty() || segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("Not a resource name pattern: " + pattern);
            }
        }
        return new ResourcePattern(pattern, segments, List.copyOf(variables));
    }

    /**
     * A sent name of this kind.
     *
     * @param field the request field it came in, named in the error ({@code session.name})
     * @throws ChorusException INVALID_ARGUMENT ({@code INVALID_NAME}) on {@code field} otherwise,
     *                         saying what the name should look like
     */
    public ResourceName parse(String name, String field) {
        return match(name).orElseThrow(() -> ChorusException.invalid("INVALID_NAME", field,
                "This name should look like \"" + example() + "\". " + idRules()));
    }

    /** The name's ids, if it is of this kind. */
    public Optional<ResourceName> match(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String[] parts = name.split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(variables.size());
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (!segment.startsWith("{")) {
                if (!segment.equals(parts[i])) {
                    return Optional.empty();
                }
            } else if (isId(segment.substring(1, segment.length() - 1), parts[i])) {
                ids.add(parts[i]);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ResourceName(this, List.copyOf(ids)));
    }

    /**
     * The name with these ids, in the order the variables appear.
     *
     * @throws IllegalArgumentException when an id breaks its rule or the count is wrong
     */
    public String format(String... ids) {
        if (ids.length != variables.size()) {
            throw new IllegalArgumentException(pattern + " takes " + variables.size() + " ids");
        }
        StringBuilder name = new StringBuilder();
        int next = 0;
        for (String segment : segments) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            if (segment.startsWith("{")) {
                String id = ids[next++];
                if (!isId(segment.substring(1, segment.length() - 1), id)) {
                    throw new IllegalArgumentException("Not a valid id for " + segment + ": " + id);
                }
                name.append(id);
            } else {
                name.append(segment);
            }
        }
        return name.toString();
    }

    /** The names of the variables, in order. */
    public List<String> variables() {
        return variables;
    }

    /** The pattern as the contract writes it. */
    @Override
    public String toString() {
        return pattern;
    }

    /** The pattern with the demo commission in it, for error messages: {@code commissions/leeds/sessions/{session}}. */
    public String example() {
        return pattern.replace("{" + COMMISSION + "}", "leeds");
    }

    private static boolean isId(String variable, String id) {
        return switch (variable) {
            case COMMISSION -> ContractRules.isCommissionId(id);
            case ORGANIZATION -> ContractRules.isOrganizationId(id);
            default -> ContractRules.isResourceId(id);
        };
    }

    private String idRules() {
        return variables.contains(COMMISSION) ? "Ids are lower-case letters, digits and hyphens. " + ContractRules.COMMISSION_ID_RULE
                : "Ids are lower-case letters, digits and hyphens.";
    }
}
