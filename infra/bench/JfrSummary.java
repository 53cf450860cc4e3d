import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes in a JFR recording, in percentages of the execution samples: by component (the
 * first frame from the top of the stack that is not plain JDK code decides), inclusive for a few
 * suspects (a sample counts for each suspect anywhere on its stack), the hottest methods (self), and
 * the process's CPU load and GC pauses. Run with a JDK 21+ as a source file:
 * <pre>java infra/bench/JfrSummary.java gateway.jfr [more.jfr…]</pre>
 */
public final class JfrSummary {

    /** Components, first match wins; checked against the class name of each frame from the top down. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();
    /** Suspects, counted inclusively: a frame whose class or method contains the key. */
    private static final Map<String, String> SUSPECTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("sun.security.", "crypto (RSA signature check)");
        COMPONENTS.put("com.nimbusds.", "JWT parse/verify (Nimbus)");
        COMPONENTS.put("org.springframework.security.", "Spring Security");
        COMPONENTS.put("com.google.protobuf.util.JsonFormat", "protobuf JSON print/parse");
        COMPONENTS.put("com.google.gson.", "protobuf JSON print/parse");
        COMPONENTS.put("com.google.protobuf.", "protobuf (binary)");
        COMPONENTS.put("ch.qos.logback.", "logging");
        COMPONENTS.put("org.springframework.boot.logging.", "logging");
        COMPONENTS.put("org.slf4j.", "logging");
        COMPONENTS.put("io.micrometer.", "metrics (Micrometer)");
        COMPONENTS.put("io.github.resilience4j.", "Resilience4j");
        COMPONENTS.put("io.grpc.", "gRPC");
        COMPONENTS.put("reactor.netty.", "Reactor Netty");
        COMPONENTS.put("io.netty.", "Netty");
        COMPONENTS.put("reactor.", "Reactor");
        COMPONENTS.put("org.springframework.cloud.gateway.", "Spring Cloud Gateway");
        COMPONENTS.put("org.springframework.web.", "Spring WebFlux");
        COMPONENTS.put("org.springframework.http.", "Spring WebFlux");
        COMPONENTS.put("org.springframework.", "Spring (other)");
        COMPONENTS.put("org.chorus.", "Chorus code");
        COMPONENTS.put("org.postgresql.", "PostgreSQL driver");
        COMPONENTS.put("com.zaxxer.hikari.", "Hikari pool");
        COMPONENTS.put("org.hibernate.", "Hibernate");
        COMPONENTS.put("org.jooq.", "jOOQ");
        COMPONENTS.put("org.HdrHistogram.", "HdrHistogram");
        COMPONENTS.put("jdk.internal.net.http.", "JDK HttpClient");

        SUSPECTS.put("JwtDecoder", "token check (any JwtDecoder on the stack)");
        SUSPECTS.put("sun.security.rsa.", "RSA signature check");
        SUSPECTS.put("com.google.protobuf.util.JsonFormat", "protobuf JsonFormat");
        SUSPECTS.put("ch.qos.logback.", "logging (logback)");
        SUSPECTS.put("org.springframework.boot.logging.structured", "structured (ECS) log formatting");
        SUSPECTS.put("io.micrometer.", "Micrometer");
        SUSPECTS.put("io.micrometer.observation.", "Micrometer observations");
        SUSPECTS.put("StrictServerWebExchangeFirewall", "Spring Security firewall");
        SUSPECTS.put("java.util.regex.", "regular expressions");
        SUSPECTS.put("ServerBearerTokenAuthenticationConverter", "reading the bearer token (Spring's regex)");
        SUSPECTS.put("org.springframework.security.", "Spring Security");
        SUSPECTS.put("io.github.resilience4j.", "Resilience4j");
        SUSPECTS.put("org.chorus.gateway.transcoding.", "Chorus transcoding");
        SUSPECTS.put("org.chorus.gateway.ratelimit.", "Chorus rate limits");
        SUSPECTS.put("org.chorus.platform.security.CallerInterceptor", "service token check (CallerInterceptor)");
        SUSPECTS.put("org.postgresql.", "PostgreSQL driver");
        SUSPECTS.put("io.netty.channel.epoll.", "Netty epoll I/O");
        SUSPECTS.put("jdk.internal.net.http.", "JDK HttpClient");
    }

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java JfrSummary.java recording.jfr [more.jfr…]");
            System.exit(2);
        }
        for (String file : args) {
            summarise(Path.of(file));
        }
    }

    private static void summarise(Path file) throws IOException {
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> suspects = new HashMap<>();
        Map<String, Integer> selfMethods = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Double> threadCpu = new HashMap<>();
        Map<String, Integer> exceptions = new HashMap<>();
        int threadCpuRounds = 0;
        long lastThreadCpuTime = 0;
        int samples = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuEvents = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
        Map<Long, long[]> allocated = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            first = Math.min(first, event.getStartTime().toEpochMilli());
            last = Math.max(last, event.getEndTime().toEpochMilli());
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = stack.getFrames();
                    selfMethods.merge(describe(frames.get(0)), 1, Integer::sum);
                    components.merge(component(frames), 1, Integer::sum);
                    for (Map.Entry<String, String> suspect : SUSPECTS.entrySet()) {
                        if (frames.stream().anyMatch(f -> describe(f).contains(suspect.getKey()))) {
                            suspects.merge(suspect.getValue(), 1, Integer::sum);
                        }
                    }
                    if (event.getThread("sampledThread") != null) {
                        threads.merge(threadGroup(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
                    }
                }
                case "jdk.CPULoad" -> {
                    jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    machineCpu += event.getFloat("machineTotal");
                    cpuEvents++;
                }
                case "jdk.ThreadCPULoad" -> {
                    // One event per thread every 10 s (profile settings); a round is the events of one instant.
                    long time = event.getStartTime().toEpochMilli();
                    if (time - lastThreadCpuTime > 1000) {
                        threadCpuRounds++;
                        lastThreadCpuTime = time;
                    }
                    String thread = event.getThread() == null ? "?" : threadGroup(event.getThread().getJavaName());
                    threadCpu.merge(thread, (double) (event.getFloat("user") + event.getFloat("system")), Double::sum);
                }
                case "jdk.JavaExceptionThrow", "jdk.JavaErrorThrow" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    String where = stack == null ? "?" : stack.getFrames().stream()
                            .map(JfrSummary::describe)
                            .filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                            .findFirst().orElse("?");
                    exceptions.merge(event.getClass("thrownClass").getName() + " from " + where, 1, Integer::sum);
                }
                case "jdk.GarbageCollection" -> {
                    gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                    gcs++;
                }
                case "jdk.ThreadAllocationStatistics" -> {
                    // What each thread has allocated since it started: the first and the last value of each thread.
                    long bytes = event.getLong("allocated");
                    RecordedThread of = event.getThread("thread");
                    long thread = of == null ? -1 : of.getJavaThreadId();
                    allocated.merge(thread, new long[] {bytes, bytes}, (was, now) -> new long[] {was[0], now[1]});
                }
                default -> {
                }
            }
        }
        double seconds = Math.max(1, last - first) / 1000.0;
        System.out.printf(Locale.ROOT, "== %s: %d execution samples over %.0f s%n", file.getFileName(), samples, seconds);
        if (cpuEvents > 0) {
            // jdk.CPULoad is a fraction of the whole machine (all cores).
            System.out.printf(Locale.ROOT, "   CPU: this JVM %.0f%% of the machine, the machine %.0f%% busy (averages)%n",
                    100 * jvmCpu / cpuEvents, 100 * machineCpu / cpuEvents);
        }
        System.out.printf(Locale.ROOT, "   GC: %d collections, %.0f ms of pauses (%.1f%% of the time)%n",
                gcs, gcPauseNanos / 1e6, 100 * gcPauseNanos / 1e9 / seconds);
        long allocatedBytes = allocated.values().stream().mapToLong(span -> span[1] - span[0]).sum();
        // Divide by the requests of the recording (bench.profileRate × bench.profileSeconds) for the bytes a request.
        System.out.printf(Locale.ROOT, "   allocated: %.0f MB (%.0f MB a second)%n", allocatedBytes / 1e6, allocatedBytes / 1e6 / seconds);
        print("by component (first non-JDK frame from the top)", components, samples, 20);
        print("inclusive (anywhere on the stack)", suspects, samples, 20);
        print("by thread", threads, samples, 10);
        if (threadCpuRounds > 0) {
            // Threads that run no Java code (the JIT compilers) are in here but never in the execution samples.
            System.out.println("   -- CPU by thread (jdk.ThreadCPULoad, % of the machine, averaged)");
            int rounds = threadCpuRounds;
            threadCpu.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(8)
                    .forEach(e -> System.out.printf(Locale.ROOT, "   %5.1f%%  %s%n", 100 * e.getValue() / rounds, e.getKey()));
        }
        if (!exceptions.isEmpty()) {
            int thrown = exceptions.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "   -- exceptions thrown: %d (%.1f a second), most often:%n", thrown, thrown / seconds);
            exceptions.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(5)
                    .forEach(e -> System.out.printf(Locale.ROOT, "   %6d  %s%n", e.getValue(), e.getKey()));
        }
        print("hottest methods (self)", selfMethods, samples, 25);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit) {
        System.out.println("   -- " + title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            System.out.printf(Locale.ROOT, "   %5.1f%%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey());
        }
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
                if (type.startsWith(component.getKey())) {
                    return component.getValue();
                }
            }
        }
        String top = frames.get(0).getMethod().getType().getName();
        return "JDK only (" + top.substring(0, Math.max(0, top.lastIndexOf('.'))) + ")";
    }

    private static String describe(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Thread names without their numbers: {@code reactor-http-epoll-2} → {@code reactor-http-epoll-#}. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }
}
