package dev.safesend.ingest.domain;

import dev.safesend.ingest.domain.project.Project;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SenderPoolChoiceTest {

    private static final List<String> CONFIGURED_DEFAULT = List.of("110000000000001");
    private static final List<String> CONFIGURED_FOR_SHOP = List.of("110000000000002", "110000000000003");

    private static Optional<Project> registered(List<String> defaultPool) {
        return Optional.of(new Project("shop", "Shop", List.of("team-shop"), Project.Quotas.NONE, defaultPool));
    }

    @Test
    void aRegisteredProjectsDefaultPoolComesBeforeEveryConfiguredPool() {
        List<String> own = List.of("120000000000001", "120000000000002");
        assertThat(SenderRouting.poolFor(registered(own), CONFIGURED_FOR_SHOP, CONFIGURED_DEFAULT)).isEqualTo(own);
        assertThat(SenderRouting.poolFor(registered(own), null, CONFIGURED_DEFAULT)).isEqualTo(own);
    }

    @Test
    void aRegisteredProjectWithoutAPoolKeepsTheConfiguredRouting() {
        assertThat(SenderRouting.poolFor(registered(List.of()), CONFIGURED_FOR_SHOP, CONFIGURED_DEFAULT)).isEqualTo(CONFIGURED_FOR_SHOP);
        assertThat(SenderRouting.poolFor(registered(null), null, CONFIGURED_DEFAULT)).isEqualTo(CONFIGURED_DEFAULT);
    }

    @Test
    void anUnregisteredProjectKeepsTheConfiguredRouting() {
        assertThat(SenderRouting.poolFor(Optional.empty(), CONFIGURED_FOR_SHOP, CONFIGURED_DEFAULT)).isEqualTo(CONFIGURED_FOR_SHOP);
        assertThat(SenderRouting.poolFor(Optional.empty(), null, CONFIGURED_DEFAULT)).isEqualTo(CONFIGURED_DEFAULT);
        assertThat(SenderRouting.poolFor(Optional.empty(), List.of(), CONFIGURED_DEFAULT)).isEqualTo(CONFIGURED_DEFAULT);
    }
}
