package org.chorus.system;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL query reads, for checking that something exports each of them. Not a
 * parser: it removes what cannot be a metric name (string literals, label matchers, ranges, the
 * label lists of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/
 * {@code group_right}, Grafana's variables, numbers and durations), then keeps every identifier
 * that is neither a keyword nor called as a function. Grafana's {@code label_values(metric, label)}
 * counts its first argument only. A selector written only as {@code {__name__="…"}} is not seen;
 * {@link MonitoringQueries} refuses queries that use {@code __name__}.
 */
final class PromQlMetricNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern LABEL_VALUES_OF_METRIC = Pattern.compile(
            "\\blabel_values\\s*\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*,\\s*[A-Za-z_]\\w*\\s*\\)");
    private static final Pattern LABEL_VALUES_OF_LABEL = Pattern.compile(
            "\\blabel_values\\s*\\(\\s*[A-Za-z_]\\w*\\s*\\)");
    private static final Pattern TOKEN = Pattern.compile("(\\d[\\w.]*)|([A-Za-z_:][A-Za-z0-9_:]*)");

    private PromQlMetricNames() {
    }

    static Set<String> in(String query) {
        String q = COMMENT.matcher(STRING.matcher(query).replaceAll("\"\"")).replaceAll(" ");
        q = GRAFANA_VARIABLE.matcher(q).replaceAll(" ");
        q = RANGE.matcher(q).replaceAll(" ");
        q = MATCHERS.matcher(q).replaceAll(" ");
        q = LABEL_LIST.matcher(q).replaceAll(" ");
        q = LABEL_VALUES_OF_METRIC.matcher(q).replaceAll(" $1 ");
        q = LABEL_VALUES_OF_LABEL.matcher(q).replaceAll(" ");

        Set<String> names = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(q);
        while (token.find()) {
            String identifier = token.group(2);
            if (identifier == null || KEYWORDS.contains(identifier) || calledAsFunction(q, token.end())) {
                continue;
            }
            names.add(identifier);
        }
        return names;
    }

    private static boolean calledAsFunction(String q, int after) {
        int i = after;
        while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
            i++;
        }
        return i < q.length() && q.charAt(i) == '(';
    }
}
