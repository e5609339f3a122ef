package dev.safesend.healthmonitor.component;

import dev.safesend.testsupport.security.RoleMatrixContract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation in the service's OpenAPI document, called with no token, bad tokens, each role and another
 * project's token, answers as `role-matrix.txt` says; an operation without a rule fails the build. The matrix
 * is written to `target/role-matrix.md`.
 */
@QuarkusTest
class RoleMatrixTest extends RoleMatrixContract {
}
