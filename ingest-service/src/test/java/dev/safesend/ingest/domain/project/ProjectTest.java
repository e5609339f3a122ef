package dev.safesend.ingest.domain.project;

import dev.safesend.servicekit.tenancy.ProjectScope;
import dev.safesend.ingest.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectTest {

    private static Project project(String id, Long day, Long month) {
        return new Project(id, "Shop", List.of("team-shop"), new Project.Quotas(day, month), List.of("110000000000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "s1", "school-zw", "0day", "a-b-c-1"})
    void lowercaseSlugsAreProjectIds(String id) {
        assertThat(Project.isValidId(id)).isTrue();
        assertThat(Project.check(project(id, null, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Shop", "shop_1", "-shop", "shop.eu", "shop eu", "ünï", "shop/1"})
    void anythingElseIsNot(String id) {
        assertThat(Project.isValidId(id)).isFalse();
        assertThat(Project.check(project(id, null, null))).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "invalid_project_id"));
    }

    @Test
    void anIdIsAtMost63Characters() {
        assertThat(Project.isValidId("a".repeat(63))).isTrue();
        assertThat(Project.isValidId("a".repeat(64))).isFalse();
        assertThat(Project.checkId("project", null).code()).isEqualTo("required");
    }

    @Test
    void quotasArePositiveAndTheMonthHoldsTheDay() {
        assertThat(Project.check(project("shop", 0L, null))).extracting(Violation::field).containsExactly("quotas.messagesPerDay");
        assertThat(Project.check(project("shop", null, -5L))).extracting(Violation::field).containsExactly("quotas.messagesPerMonth");
        assertThat(Project.check(project("shop", 100L, 50L))).extracting(Violation::code).containsExactly("below_daily_quota");
        assertThat(Project.check(project("shop", 100L, 100L))).isEmpty();
        assertThat(project("shop", null, null).quotas().limited()).isFalse();
        assertThat(project("shop", 1L, null).quotas().limit(QuotaPeriod.DAY)).isEqualTo(1L);
        assertThat(project("shop", 1L, null).quotas().limit(QuotaPeriod.MONTH)).isNull();
    }

    @Test
    void ownersAndPoolAreChecked() {
        Project p = new Project("shop", " ", Collections.emptyList(), null, List.of("12ab"));
        assertThat(Project.check(p)).extracting(Violation::field).containsExactly("displayName", "owners", "defaultPool[0]");
        assertThat(p.quotas()).isEqualTo(Project.Quotas.NONE);
    }

    @Test
    void quotaPeriodsAreUtcDaysAndMonthsAndRetryAfterCountsToTheNext() {
        Instant t = Instant.parse("2026-12-31T23:59:30.200Z");
        assertThat(QuotaPeriod.DAY.bucket(t)).isEqualTo("2026-12-31");
        assertThat(QuotaPeriod.MONTH.bucket(t)).isEqualTo("2026-12");
        assertThat(QuotaPeriod.DAY.start(t)).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.start(t)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(QuotaPeriod.DAY.next(t)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(QuotaPeriod.DAY.secondsToNext(t)).isEqualTo(30);
        assertThat(QuotaPeriod.MONTH.secondsToNext(Instant.parse("2026-02-28T00:00:00Z"))).isEqualTo(86_400);
        assertThat(QuotaPeriod.DAY.secondsToNext(Instant.parse("2026-02-28T23:59:59.999Z"))).isEqualTo(1);
    }

    @Test
    void aScopeWithoutTheClaimAllowsEveryProjectAndOneWithItOnlyThose() {
        assertThat(ProjectScope.ALL.allows("anything")).isTrue();
        ProjectScope a = ProjectScope.of(Set.of("shop"));
        assertThat(a.allows("shop")).isTrue();
        assertThat(a.allows("school")).isFalse();
        assertThat(a.allows(null)).isFalse();
        assertThat(ProjectScope.of(List.of()).allows("shop")).isFalse();
        assertThat(ProjectScope.of(null).all()).isTrue();
    }
}
