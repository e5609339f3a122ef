package dev.safesend.testsupport.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleRulesTest {

    @Test
    void readsRolesPublicOperationsTenantsAndParameters() {
        RoleRules rules = RoleRules.parse("rules", """
                # comment
                GET /v1/messages/{id} = admin, viewer
                POST /v1/messages = admin, sender | tenant body {"project":"$PROJECT","to":"+1"}
                GET /v1/projects/{id} = admin | tenant path id
                GET /v1/reports = viewer | tenant query project
                POST /v1/hooks = public
                param phone = +12025550143
                """);

        assertThat(rules.of("GET /v1/messages/{id}").roles()).containsExactly("admin", "viewer");
        assertThat(rules.of("POST /v1/messages").tenant())
                .isEqualTo(new RoleRules.Tenant(RoleRules.Tenant.Kind.BODY, null, "{\"project\":\"$PROJECT\",\"to\":\"+1\"}"));
        assertThat(rules.of("GET /v1/projects/{id}").tenant().kind()).isEqualTo(RoleRules.Tenant.Kind.PATH);
        assertThat(rules.of("GET /v1/reports").tenant().name()).isEqualTo("project");
        assertThat(rules.of("POST /v1/hooks").isPublic()).isTrue();
        assertThat(rules.param("phone")).isEqualTo("+12025550143");
        assertThat(rules.keys()).hasSize(5);
    }

    @Test
    void aMistakeInTheFileIsNamedWithItsLine() {
        assertThatThrownBy(() -> RoleRules.parse("rules", "GET /v1/x = admin, superuser"))
                .hasMessageContaining("rules:1").hasMessageContaining("superuser");
        assertThatThrownBy(() -> RoleRules.parse("rules", "\nFETCH /v1/x = admin")).hasMessageContaining("rules:2");
        assertThatThrownBy(() -> RoleRules.parse("rules", "GET /v1/x = admin\nGET /v1/x = viewer"))
                .hasMessageContaining("a second rule");
        assertThatThrownBy(() -> RoleRules.parse("rules", "GET /v1/x = admin | tenant header x"))
                .hasMessageContaining("body, path or query");
    }
}
