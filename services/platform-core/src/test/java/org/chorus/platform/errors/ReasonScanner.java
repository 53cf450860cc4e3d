package org.chorus.platform.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code ErrorInfo} reasons that Java sources send, by reading them as text: the reason argument of
 * every call that takes one (the {@link #SINKS}, {@code new Problem(…)} and {@code ErrorInfo.newBuilder()…
 * .setReason(…)}), as a string literal, a {@code static final String} constant, or an
 * {@code ErrorReason.X.name()}. An argument it cannot work out (a variable, a method's result) is reported as
 * unresolved unless it is one of the few {@link #FORWARDERS} that pass on a reason their own callers chose.
 *
 * <p>Comments are blanked first, and calls are looked for outside string literals, so a call written in a
 * comment, in Javadoc or in a message is not counted.
 */
final class ReasonScanner {

    /**
     * The methods that take a reason, by class, with the position of the reason among their arguments. Each is
     * found when called through its class ({@code ChorusException.invalid(…)}), or through any object for an
     * instance method ({@code violations.throwIfAny(…)}), and, in the class's own file, when called plainly
     * ({@code return badRequest(…)}).
     */
    private static final List<Sink> SINKS = List.of(
            new Sink("ChorusException", Set.of("invalid", "notFound", "alreadyExists", "failedPrecondition", "aborted",
                    "unauthenticated", "permissionDenied"), 0, false),
            new Sink("Violations", Set.of("throwIfAny"), 0, true),
            new Sink("Problem", Set.of("of"), 3, false),
            new Sink("Problems", Set.of("badRequest"), 0, false),
            new Sink("GrpcRefusals", Set.of("unauthenticated", "permissionDenied", "invalid", "unavailable",
                    "unimplemented", "deadlineExceeded"), 0, false),
            new Sink("GrpcRefusals", Set.of("refusal"), 1, false),
            new Sink("ErrorReasons", Set.of("requireDeclared"), 0, false),
            new Sink("ProtoTime", Set.of("day", "instant"), 1, false));

    /**
     * Arguments that are not a reason written in place, but a reason passed on, so the scan checks it where it
     * was chosen. Keyed by file name, then the argument as written.
     */
    private static final Map<String, Set<String>> FORWARDERS = Map.of(
            // The factories and their copies pass on their reason parameter; their callers are scanned.
            "ChorusException.java", Set.of("reason"),
            "Violations.java", Set.of("reason"),
            "Problem.java", Set.of("reason"),
            "ProtoTime.java", Set.of("reason"),
            "Problems.java", Set.of("reason"),
            // A refusal worded for both doors (the gateway's Refusal, made with Problem.of, scanned there).
            "GrpcRefusals.java", Set.of("reason", "refusal.problem().reason()"),
            // A backend's reason, passed through untouched; the gateway's own are ErrorReason constants.
            "GrpcProblems.java", Set.of("reason"),
            // The reason of a ChorusException already made, so already checked.
            "GrpcErrors.java", Set.of("failure.reason()"),
            "BenefitsGuidanceService.java", Set.of("invalid.reason()"),
            // The one-authorization rule's refusal (Authorizations, scanned), said at the gateway's gRPC door.
            "GrpcForwarder.java", Set.of("two.reason()"));

    /** Any {@code ErrorInfo} built in place: {@code ErrorInfo.newBuilder()…setReason(…)}. */
    private static final Pattern ERROR_INFO_REASON =
            Pattern.compile("\\bErrorInfo\\s*\\.\\s*newBuilder\\s*\\(\\s*\\)[^;]*?\\.\\s*setReason\\s*\\(");
    private static final Pattern CONSTANT =
            Pattern.compile("\\b(?:static\\s+final|final\\s+static)\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"\\\\]*)\"\\s*;");
    private static final Pattern CONSTANT_REFERENCE = Pattern.compile("(?:([A-Z][A-Za-z0-9]*)\\.)?([A-Z][A-Z0-9_]*)");
    private static final Pattern ENUM_REFERENCE =
            Pattern.compile("(?:[a-z][a-z0-9]*\\.)*\\bErrorReason\\s*\\.\\s*([A-Z][A-Z0-9_]*)\\s*\\.\\s*name\\s*\\(\\s*\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> KEYWORDS_BEFORE_A_CALL = Set.of("return", "throw", "yield", "else", "case");

    /** A reason that a source sends, and where: {@code path:line}. */
    record Sent(String reason, String place) {
    }

    /** An argument whose reason the scan cannot work out, and where. */
    record Unresolved(String argument, String place) {
    }

    record Result(List<Sent> sent, List<Unresolved> unresolved) {
    }

    private record Sink(String owner, Set<String> methods, int argument, boolean anyReceiver) {
    }

    private ReasonScanner() {
    }

    /** Scans sources given as path (for messages) → Java text. Constants resolve across all of them. */
    static Result scan(Map<String, String> sources) {
        Map<String, String> code = new HashMap<>();
        Map<String, Map<String, String>> constantsByClass = new HashMap<>();
        sources.forEach((path, text) -> {
            String blanked = withoutComments(text);
            code.put(path, blanked);
            Map<String, String> constants = new HashMap<>();
            Matcher m = CONSTANT.matcher(blanked);
            while (m.find()) {
                constants.put(m.group(1), m.group(2));
            }
            constantsByClass.put(className(path), constants);
        });
        List<Sent> sent = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        code.forEach((path, text) -> {
            String masked = withoutStringContents(text);
            for (Argument argument : reasonArguments(path, masked)) {
                resolve(path, text, argument, constantsByClass, sent, unresolved);
            }
            typedReasons(path, masked, sent);
        });
        sent.sort(Comparator.comparing(Sent::place));
        unresolved.sort(Comparator.comparing(Unresolved::place));
        return new Result(sent, unresolved);
    }

    /** An argument: where it starts and ends in the source. */
    private record Argument(int start, int end) {
    }

    private static List<Argument> reasonArguments(String path, String text) {
        List<Argument> found = new ArrayList<>();
        String className = className(path);
        for (Sink sink : SINKS) {
            for (String method : sink.methods()) {
                Matcher m = Pattern.compile("\\b" + method + "\\s*\\(").matcher(text);
                while (m.find()) {
                    if (isCallOf(sink, className, text, m.start())) {
                        argument(text, m.end() - 1, sink.argument()).ifPresent(found::add);
                    }
                }
            }
        }
        Matcher constructor = Pattern.compile("\\bnew\\s+Problem\\s*\\(").matcher(text);
        while (constructor.find()) {
            argument(text, constructor.end() - 1, 3).ifPresent(found::add);
        }
        Matcher errorInfo = ERROR_INFO_REASON.matcher(text);
        while (errorInfo.find()) {
            argument(text, errorInfo.end() - 1, 0).ifPresent(found::add);
        }
        return found;
    }

    /** {@code ErrorReason.X.name()} anywhere: a reason that compiles only when declared, so it counts as sent. */
    private static void typedReasons(String path, String text, List<Sent> sent) {
        Matcher m = ENUM_REFERENCE.matcher(text);
        while (m.find()) {
            sent.add(new Sent(m.group(1), place(path, text, m.start())));
        }
    }

    /**
     * Whether the name at {@code start} is a call of the sink's method: written after {@code Owner.} (after any
     * receiver, for an instance method), or plainly inside the owner's own file where a call may stand (not a
     * declaration such as {@code static StatusException refusal(}).
     */
    private static boolean isCallOf(Sink sink, String className, String text, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i >= 0 && text.charAt(i) == '.') {
            if (sink.anyReceiver()) {
                return true;
            }
            i--;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            int wordEnd = i + 1;
            while (i >= 0 && Character.isJavaIdentifierPart(text.charAt(i))) {
                i--;
            }
            return text.substring(i + 1, wordEnd).equals(sink.owner());
        }
        if (!sink.owner().equals(className)) {
            return false;
        }
        if (i >= 0 && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '>' || text.charAt(i) == ']')) {
            int wordEnd = i + 1;
            while (i >= 0 && Character.isJavaIdentifierPart(text.charAt(i))) {
                i--;
            }
            return KEYWORDS_BEFORE_A_CALL.contains(text.substring(i + 1, wordEnd));
        }
        return true;
    }

    /**
     * The {@code index}th argument of the call whose opening parenthesis is at {@code open}, in text whose string
     * literals are masked (so their commas and parentheses do not count).
     */
    private static Optional<Argument> argument(String masked, int open, int index) {
        int depth = 0;
        int current = 0;
        int start = open + 1;
        for (int i = open + 1; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if ((c == ',' && depth == 0) || c == ')') {
                if (current == index) {
                    String raw = masked.substring(start, i);
                    int lead = raw.length() - raw.stripLeading().length();
                    int trail = raw.length() - raw.stripTrailing().length();
                    return Optional.of(new Argument(start + lead, i - trail));
                }
                if (c == ')') {
                    return Optional.empty();
                }
                current++;
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static void resolve(String path, String text, Argument argument, Map<String, Map<String, String>> constantsByClass,
                                List<Sent> sent, List<Unresolved> unresolved) {
        String written = text.substring(argument.start(), argument.end());
        String arg = written.replaceAll("\\s+", "");
        if (arg.contains("ErrorReasons.requireDeclared(")) {
            return; // the inner call is a place of its own, resolved as one
        }
        Matcher literal = STRING_LITERAL.matcher(written);
        boolean anyLiteral = false;
        while (literal.find()) {
            anyLiteral = true;
            sent.add(new Sent(literal.group(1), place(path, text, argument.start() + literal.start())));
        }
        if (anyLiteral) {
            return;
        }
        String where = place(path, text, argument.start());
        if (arg.equals("null")) {
            return;
        }
        if (ENUM_REFERENCE.matcher(arg).matches()) {
            return; // counted by typedReasons
        }
        Matcher constant = CONSTANT_REFERENCE.matcher(arg);
        if (constant.matches()) {
            String owner = constant.group(1) == null ? className(path) : constant.group(1);
            String value = constantsByClass.getOrDefault(owner, Map.of()).get(constant.group(2));
            if (value != null) {
                sent.add(new Sent(value, where));
                return;
            }
        }
        if (!FORWARDERS.getOrDefault(fileName(path), Set.of()).contains(arg)) {
            unresolved.add(new Unresolved(written, where));
        }
    }

    /** The text with every comment replaced by spaces (line breaks kept, so line numbers hold). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(source, i);
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? source.length() : end;
                blank(out, i, end);
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** The text with the inside of every string, text block and character literal replaced by spaces. */
    static String withoutStringContents(String code) {
        StringBuilder out = new StringBuilder(code);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfLiteral(code, i);
                int quotes = code.startsWith("\"\"\"", i) ? 3 : 1;
                blank(out, Math.min(i + quotes, end), Math.max(i + quotes, end - quotes));
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** Where the string, text block or character literal that opens at {@code start} ends (exclusive). */
    private static int endOfLiteral(String text, int start) {
        if (text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            while (end > 0 && text.charAt(end - 1) == '\\') {
                end = text.indexOf("\"\"\"", end + 1);
            }
            return end < 0 ? text.length() : end + 3;
        }
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i + 1;
            }
        }
        return text.length();
    }

    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    private static String place(String path, String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return path + ":" + line;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String className(String path) {
        String file = fileName(path);
        return file.endsWith(".java") ? file.substring(0, file.length() - ".java".length()) : file;
    }
}
