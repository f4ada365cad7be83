package dev.mcpulse.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that serves the dashboard's shell (its page, script, stylesheet, icon and sign-in settings): static
 * files and public facts about the identity provider, no fleet data. {@link AuthFilter} lets it through without a
 * token, because a browser navigating to the page sends none — the page is where it signs in. Every route without
 * this mark needs a token once an issuer is configured.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignInShell {
}
