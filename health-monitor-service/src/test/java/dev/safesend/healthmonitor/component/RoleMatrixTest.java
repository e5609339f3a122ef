package dev.safesend.healthmonitor.component;

import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.security.RoleMatrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

/**
 * Every operation in the service's OpenAPI document, called with no token, bad tokens, each role and another
 * project's token, answers as `role-matrix.txt` says; an operation without a rule fails the build. The matrix
 * is written to `target/role-matrix.md`.
 */
@QuarkusTest
class RoleMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyDocumentedOperationAnswersEachCallerAsItsRuleSays() {
        RoleMatrix.check(base, "role-matrix.txt", SafesendInfraResource.testKeys());
    }
}
