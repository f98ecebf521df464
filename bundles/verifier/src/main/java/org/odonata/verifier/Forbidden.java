package org.odonata.verifier;

import java.util.Set;

import org.odonata.api.bundle.Rule;

/**
 * What simulated code must not call, as JVM member references ({@code owner}, {@code name}, {@code descriptor}),
 * each mapped to the {@link Rule} it breaks. Owners are internal names ({@code java/lang/System}).
 */
final class Forbidden {

    private static final Set<String> TIME_NOW_OWNERS = Set.of("java/time/Instant", "java/time/LocalDateTime",
            "java/time/LocalDate", "java/time/LocalTime", "java/time/ZonedDateTime", "java/time/OffsetDateTime",
            "java/time/OffsetTime", "java/time/Year", "java/time/YearMonth", "java/time/MonthDay");
    private static final Set<String> MONITOR_METHODS = Set.of("wait", "notify", "notifyAll");
    private static final Set<String> MONITOR_DESCRIPTORS = Set.of("()V", "(J)V", "(JI)V");
    private static final Set<String> IO_OWNERS = Set.of("java/io/FileInputStream", "java/io/FileOutputStream",
            "java/io/FileReader", "java/io/FileWriter", "java/io/RandomAccessFile", "java/io/PrintWriter",
            "java/io/PrintStream", "java/io/Console", "java/nio/file/Files", "java/net/Socket", "java/net/ServerSocket",
            "java/net/DatagramSocket", "java/net/URL", "java/net/URLConnection", "java/net/http/HttpClient",
            "java/lang/ProcessBuilder", "java/lang/Process");
    private static final Set<String> REFLECTIVE_CLASS_METHODS = Set.of("forName", "getDeclaredMethod",
            "getDeclaredMethods", "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor",
            "getDeclaredConstructors", "getMethod", "getField", "getConstructor");

    private Forbidden() {
    }

    /** The rule a call or field access breaks, or {@code null}. */
    static Rule member(String owner, String name, String descriptor) {
        switch (owner) {
            case "java/lang/System":
                if (name.equals("nanoTime") || name.equals("currentTimeMillis")) {
                    return Rule.HOST_CLOCK;
                }
                return name.equals("in") ? Rule.BLOCKING_IO : null;
            case "java/time/Clock":
                return name.startsWith("system") ? Rule.HOST_CLOCK : null;
            case "java/lang/Math", "java/lang/StrictMath":
                return name.equals("random") ? Rule.UNSEEDED_RANDOM : null;
            case "java/util/Random", "java/util/SplittableRandom":
                return name.equals("<init>") && descriptor.equals("()V") ? Rule.UNSEEDED_RANDOM : null;
            case "java/util/concurrent/ThreadLocalRandom", "java/security/SecureRandom":
                return Rule.UNSEEDED_RANDOM;
            case "java/util/UUID":
                return name.equals("randomUUID") ? Rule.UNSEEDED_RANDOM : null;
            case "java/util/Collections":
                return name.equals("shuffle") && descriptor.equals("(Ljava/util/List;)V") ? Rule.UNSEEDED_RANDOM : null;
            case "java/util/random/RandomGenerator", "java/util/random/RandomGeneratorFactory":
                return name.equals("getDefault") || name.equals("of") ? Rule.UNSEEDED_RANDOM : null;
            case "java/lang/Thread":
                if (name.equals("sleep")) {
                    return Rule.SLEEP;
                }
                return name.equals("<init>") || name.equals("start") || name.startsWith("startVirtual")
                        || name.equals("ofVirtual") || name.equals("ofPlatform") ? Rule.THREAD_CREATION : null;
            case "java/util/concurrent/TimeUnit":
                return name.equals("sleep") ? Rule.SLEEP : null;
            case "java/util/concurrent/locks/LockSupport":
                return name.startsWith("park") ? Rule.SLEEP : null;
            case "java/util/concurrent/Executors", "java/util/concurrent/ForkJoinPool", "java/util/Timer",
                    "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ScheduledThreadPoolExecutor":
                return Rule.THREAD_CREATION;
            case "java/util/concurrent/CompletableFuture":
                return name.endsWith("Async") ? Rule.THREAD_CREATION : null;
            case "java/lang/Class":
                return REFLECTIVE_CLASS_METHODS.contains(name) ? Rule.REFLECTION : null;
            case "java/lang/reflect/Method", "java/lang/reflect/Field", "java/lang/reflect/Constructor",
                    "java/lang/reflect/AccessibleObject":
                return name.equals("setAccessible") || name.equals("invoke") || name.equals("newInstance")
                        || name.startsWith("get") && owner.endsWith("Field") && !name.equals("getName")
                        || name.startsWith("set") && owner.endsWith("Field") ? Rule.REFLECTION : null;
            case "java/lang/invoke/MethodHandles":
                return name.equals("privateLookupIn") ? Rule.REFLECTION : null;
            case "java/lang/ClassLoader":
                return name.equals("loadClass") ? Rule.REFLECTION : null;
            case "java/lang/Runtime":
                return name.equals("exec") ? Rule.BLOCKING_IO : null;
            default:
                break;
        }
        if (TIME_NOW_OWNERS.contains(owner) && name.equals("now")) {
            return Rule.HOST_CLOCK;
        }
        if (owner.equals("java/util/Date") && name.equals("<init>") && descriptor.equals("()V")) {
            return Rule.HOST_CLOCK;
        }
        if (MONITOR_METHODS.contains(name) && MONITOR_DESCRIPTORS.contains(descriptor)) {
            return Rule.OBJECT_WAIT;
        }
        if (IO_OWNERS.contains(owner) && !(owner.equals("java/io/PrintStream") || owner.equals("java/io/PrintWriter"))
                || owner.startsWith("java/nio/channels/")) {
            return Rule.BLOCKING_IO;
        }
        if ((owner.equals("java/io/PrintStream") || owner.equals("java/io/PrintWriter")) && name.equals("<init>")
                && (descriptor.startsWith("(Ljava/lang/String;") || descriptor.startsWith("(Ljava/io/File;"))) {
            return Rule.BLOCKING_IO;
        }
        if (name.equals("parallelStream") || name.equals("parallel") && owner.startsWith("java/util/stream/")) {
            return Rule.THREAD_CREATION;
        }
        return null;
    }
}
