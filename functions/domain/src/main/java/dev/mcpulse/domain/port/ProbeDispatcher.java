package dev.mcpulse.domain.port;

import dev.mcpulse.domain.health.ProbeShard;

/**
 * Hands a shard to whatever probes it: an asynchronous Lambda invocation on AWS, a bounded in-process executor
 * locally. Returns once the shard is handed over, never after the probes finish.
 */
public interface ProbeDispatcher {

    void dispatch(ProbeShard shard);
}
