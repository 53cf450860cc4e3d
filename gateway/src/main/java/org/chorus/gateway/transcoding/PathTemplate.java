package org.chorus.gateway.transcoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.util.UriUtils;

/**
 * A {@code google.api.http} path template, such as {@code /v1/{name=commissions/*}/claims:approve}.
 * <pre>
 * Template = "/" Segments [ Verb ] ;
 * Segments = Segment { "/" Segment } ;
 * Segment  = "*" | "**" | LITERAL | Variable ;
 * Variable = "{" FieldPath [ "=" Segments ] "}" ;
 * Verb     = ":" LITERAL ;
 * </pre>
 * {@code *} matches exactly one non-empty segment, {@code **} the rest of the path (it must be the last
 * segment). A variable binds the request field named by its field path ({@code commission.name} for a
 * nested field) to the text of the segments it covers. A variable of one segment is fully percent-decoded;
 * a variable of several keeps {@code %2F} encoded so that it cannot invent a segment.
 */
public final class PathTemplate {

    private final String text;
    private final List<Segment> segments;
    private final List<String> variables;
    private final String verb;
    /** {@code :verb}, or {@code null}. */
    private final String verbSuffix;
    /** Whether the last segment is {@code **}. */
    private final boolean rest;

    private PathTemplate(String text, List<Segment> segments, List<String> variables, String verb) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.variables = List.copyOf(variables);
        this.verb = verb;
        this.verbSuffix = verb == null ? null : ":" + verb;
        this.rest = !segments.isEmpty() && segments.getLast() instanceof RestWildcard;
    }

    private sealed interface Segment permits Literal, SingleWildcard, RestWildcard {
        /** The index of the variable the segment belongs to, or -1. */
        int variable();
    }

    private record Literal(String value, int variable) implements Segment {
    }

    private record SingleWildcard(int variable) implements Segment {
    }

    private record RestWildcard(int variable) implements Segment {
    }

    /** Parses a template; a template that breaks the grammar is refused with the reason. */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("A path template must start with '/': " + template);
        }
        String rest = template.substring(1);
        String verb = null;
        int lastBrace = rest.lastIndexOf('}');
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.indexOf(':', Math.max(lastBrace, lastSlash) + 1);
        if (colon >= 0) {
            verb = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (verb.isEmpty() || verb.contains("/")) {
                throw new IllegalArgumentException("A custom verb must be one literal: " + template);
            }
        }
        List<Segment> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        int i = 0;
        while (i <= rest.length()) {
            int end;
            if (i < rest.length() && rest.charAt(i) == '{') {
                int close = rest.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("A variable is not closed: " + template);
                }
                String inside = rest.substring(i + 1, close);
                int eq = inside.indexOf('=');
                String field = eq < 0 ? inside : inside.substring(0, eq);
                String pattern = eq < 0 ? "*" : inside.substring(eq + 1);
                if (field.isEmpty() || !field.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                    throw new IllegalArgumentException("A variable must name a field: " + template);
                }
                if (variables.contains(field)) {
                    throw new IllegalArgumentException("A field is bound twice: " + template);
                }
                int index = variables.size();
                variables.add(field);
                for (String part : pattern.split("/", -1)) {
                    if (part.contains("{") || part.contains("}")) {
                        throw new IllegalArgumentException("Variables cannot nest: " + template);
                    }
                    segments.add(segment(part, index, template));
                }
                end = close + 1;
            } else {
                int slash = rest.indexOf('/', i);
                end = slash < 0 ? rest.length() : slash;
                segments.add(segment(rest.substring(i, end), -1, template));
            }
            if (end < rest.length() && rest.charAt(end) != '/') {
                throw new IllegalArgumentException("A variable must fill whole segments: " + template);
            }
            i = end + 1;
        }
        for (int s = 0; s < segments.size() - 1; s++) {
            if (segments.get(s) instanceof RestWildcard) {
                throw new IllegalArgumentException("'**' must be the last segment: " + template);
            }
        }
        return new PathTemplate(template, segments, variables, verb);
    }

    private static Segment segment(String part, int variable, String template) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("A path template cannot have an empty segment: " + template);
        }
        return switch (part) {
            case "*" -> new SingleWildcard(variable);
            case "**" -> new RestWildcard(variable);
            default -> {
                if (part.contains("*")) {
                    throw new IllegalArgumentException("'*' must be a whole segment: " + template);
                }
                yield new Literal(part, variable);
            }
        };
    }

    /**
     * Matches a raw (still percent-encoded) request path, without the query string.
     *
     * @return the value of each variable, by field path, or empty when the path does not match
     */
    public Optional<Map<String, String>> match(String rawPath) {
        return match(segmentsOf(rawPath));
    }

    /**
     * The raw segments of a request path, split once for matching it against many templates
     * ({@link #match(String[])}); {@code null} for a path that does not start with {@code /}.
     */
    public static String[] segmentsOf(String rawPath) {
        return rawPath == null || !rawPath.startsWith("/") ? null : rawPath.substring(1).split("/", -1);
    }

    /**
     * {@link #match(String)} on a path already split by {@link #segmentsOf}. A template that cannot take that many
     * segments, or a path without the template's verb, is refused before anything is copied: most of the
     * contract's templates are refused so for any one request.
     */
    public Optional<Map<String, String>> match(String[] parts) {
        if (parts == null || (rest ? parts.length < segments.size() - 1 : parts.length != segments.size())) {
            return Optional.empty();
        }
        String last = parts[parts.length - 1];
        if (verb != null) {
            if (!last.endsWith(verbSuffix)) {
                return Optional.empty();
            }
            last = last.substring(0, last.length() - verbSuffix.length());
        }
        // The count fits: each segment takes one part, and ** (last) all the rest.
        int p = 0;
        for (Segment segment : segments) {
            int end = segment instanceof RestWildcard ? parts.length : p + 1;
            for (; p < end; p++) {
                String part = part(parts, p, last);
                if (segment instanceof Literal literal ? !literal.value().equals(part) : part.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(bind(parts, last));
    }

    /** Segment {@code p} of the path, the last one without the verb. */
    private static String part(String[] parts, int p, String last) {
        return p == parts.length - 1 ? last : parts[p];
    }

    /** The value of each variable of a path that matches. */
    private Map<String, String> bind(String[] parts, String last) {
        List<List<String>> captured = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            captured.add(new ArrayList<>());
        }
        int p = 0;
        for (Segment segment : segments) {
            int end = segment instanceof RestWildcard ? parts.length : p + 1;
            for (; p < end; p++) {
                if (segment.variable() >= 0) {
                    captured.get(segment.variable()).add(part(parts, p, last));
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int v = 0; v < variables.size(); v++) {
            List<String> raw = captured.get(v);
            String value = raw.size() == 1
                    ? decode(raw.getFirst())
                    : String.join("/", raw.stream().map(PathTemplate::decodeKeepingSlashes).toList());
            values.put(variables.get(v), value);
        }
        return values;
    }

    private static String decode(String part) {
        try {
            return UriUtils.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part;
        }
    }

    private static String decodeKeepingSlashes(String part) {
        return decode(part.replace("%2F", "%252F").replace("%2f", "%252f"));
    }

    /**
     * The parts of {@code value} (what variable {@code field} matched) that the template's single
     * wildcards took: the ids in a resource name, e.g. {@code leeds} and {@code 42} in
     * {@code commissions/leeds/sessions/42} for {@code commissions/*}{@code /sessions/*}.
     */
    public List<String> wildcardValues(String field, String value) {
        int variable = variables.indexOf(field);
        String[] parts = value.split("/", -1);
        List<String> ids = new ArrayList<>();
        int p = 0;
        for (Segment segment : segments) {
            if (segment.variable() != variable) {
                continue;
            }
            if (segment instanceof RestWildcard || p >= parts.length) {
                break;
            }
            if (segment instanceof SingleWildcard) {
                ids.add(parts[p]);
            }
            p++;
        }
        return ids;
    }

    /** The field paths bound by the template's variables, in order. */
    public List<String> variables() {
        return variables;
    }

    /** The custom verb ({@code approve} in {@code …:approve}), or {@code null}. */
    public String verb() {
        return verb;
    }

    /** How many literal segments the template has; more literals is a more specific template. */
    public int literalCount() {
        return (int) segments.stream().filter(s -> s instanceof Literal).count() + (verb == null ? 0 : 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
