package dev.mcpulse.bench.cold;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One thing B5 starts cold, again and again: a function as mcpulse ships it (the template's handler in its shaded
 * jar) or its plain-JDK baseline, its deployment package ({@code deployment}, the jars it is built from) laid out
 * in its task root as Lambda lays it out, the runtime's jars and the harness on the JVM's class path, the
 * environment the template gives the function, and the check that a run did the real work.
 */
record ColdStartSubject(String function, Kind kind, String handler, List<Path> runtimeClasspath, List<Path> deployment,
                        Path taskRoot, Map<String, String> environment, int memoryMb, int timeoutSeconds,
                        EventSource events, Check check) {

    enum Kind {
        MCPULSE("mcpulse"), PLAIN("plain handler");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** The event of the next run (the probe's names a new endpoint each time). */
    @FunctionalInterface
    interface EventSource {
        Path next() throws IOException;
    }

    /** Throws when the handler's result, or what reached the AWS stand-ins during the run, shows the work was not done. */
    @FunctionalInterface
    interface Check {
        /** What reached a stand-in is not known (runs overlapped). */
        int UNCOUNTED = -1;

        void verify(JsonNode result, int invocations, int putEvents);
    }

    String name() {
        return function + "-" + (kind == Kind.MCPULSE ? "mcpulse" : "plain");
    }

    String classpathString() {
        return String.join(java.io.File.pathSeparator, runtimeClasspath.stream().map(Path::toString).toList());
    }
}
