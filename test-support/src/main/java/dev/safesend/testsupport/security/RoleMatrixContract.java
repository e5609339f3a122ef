package dev.safesend.testsupport.security;

import dev.safesend.testsupport.SafesendInfraResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;

/**
 * A service's role-matrix test: a {@code @QuarkusTest} class extending this runs {@link RoleMatrix} against the
 * service under test and the rules in its {@code src/test/resources/role-matrix.txt}.
 */
public abstract class RoleMatrixContract {

    @Test
    void everyDocumentedOperationAnswersEachCallerAsItsRuleSays() {
        String url = ConfigProvider.getConfig().getValue("test.url", String.class);
        RoleMatrix.check(URI.create(url.endsWith("/") ? url : url + "/"), "role-matrix.txt", SafesendInfraResource.testKeys());
    }
}
