package dev.safesend.ingest.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RoundsTest {

    private final List<List<Integer>> rounds = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private Rounds<Integer, Integer> under;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (under != null) {
            under.stop();
        }
    }

    private List<Integer> doubled(List<Integer> in) {
        rounds.add(in);
        if (in.contains(-1)) {
            throw new IllegalArgumentException("-1 is poison");
        }
        if (in.contains(-2)) {
            throw new IllegalStateException("outage");
        }
        return in.stream().map(i -> i * 2).toList();
    }

    private List<Future<Integer>> submitTogether(List<Integer> inputs, CountDownLatch gate) {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i : inputs) {
            answers.add(callers.submit(() -> {
                gate.await();
                return under.submit(i);
            }));
        }
        return answers;
    }

    @Test
    void requestsThatArriveWhileAWriterIsBusyShareItsNextRound() throws Exception {
        CountDownLatch firstRoundStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        under = new Rounds<>(in -> {
            firstRoundStarted.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return doubled(in);
        }, e -> false, 1, 100, Duration.ofSeconds(10), "test");
        under.start();
        Future<Integer> first = callers.submit(() -> under.submit(0));
        assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> queued = submitTogether(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), new CountDownLatch(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> under.waiting() == 10); // all ten behind the busy writer
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
        for (int i = 0; i < queued.size(); i++) {
            assertThat(queued.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 1) * 2);
        }
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aRequestThatFailsOnItsOwnFailsAloneAndTheOthersOfItsRoundSucceed() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch firstRoundStarted = new CountDownLatch(1);
        under = new Rounds<>(in -> {
            firstRoundStarted.countDown();
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return doubled(in);
        }, e -> false, 1, 100, Duration.ofSeconds(10), "test");
        under.start();
        Future<Integer> blocker = callers.submit(() -> under.submit(100));
        assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> answers = submitTogether(List.of(1, -1, 3), new CountDownLatch(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> under.waiting() == 3); // the three share the next round
        hold.countDown();

        assertThat(blocker.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(answers.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(answers.get(2).get(5, TimeUnit.SECONDS)).isEqualTo(6);
        assertThatThrownBy(() -> answers.get(1).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSharedFailureFailsTheWholeRoundAtOnceWithoutTryingEachAlone() {
        under = new Rounds<>(this::doubled, IllegalStateException.class::isInstance, 1, 100, Duration.ofSeconds(10), "test");
        under.start();

        assertThatThrownBy(() -> under.submit(-2)).isInstanceOf(IllegalStateException.class).hasMessage("outage");
        assertThat(rounds).hasSize(1);
    }
}
