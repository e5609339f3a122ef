package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.Population;
import dev.safesend.simulator.domain.PopulationSegment;
import dev.safesend.simulator.domain.RecipientRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PopulationBodyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void segmentsWithARangeOrAPrefixAreReadAndOmittedSharesAreZero() throws Exception {
        Population population = PopulationBody.parse(json.readTree("""
                {"segments":[
                  {"range":{"from":"+263770000000","to":"263 77 000 9999"},"read":0.6,"stop":0.002},
                  {"range":{"prefix":"+5511"},"block":1}]}"""));

        assertThat(population.segments()).containsExactly(
                new PopulationSegment(RecipientRange.between("263770000000", "263770009999"), 0.6, 0, 0, 0.002, 0),
                new PopulationSegment(RecipientRange.startingWith("5511"), 0, 0, 0, 0, 1));
        JsonNode shown = json.valueToTree(PopulationBody.of(population));
        assertThat(shown.path("segments").get(0).path("range").path("from").asText()).isEqualTo("+263770000000");
        assertThat(shown.path("segments").get(1).path("range").path("prefix").asText()).isEqualTo("+5511");
    }

    @Test
    void aMisspeltShareOrRangeFieldIsRefusedRatherThanReadAsZero() {
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree(
                "{\"segments\":[{\"range\":{\"prefix\":\"26377\"},\"stops\":0.1}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segments[0]").hasMessageContaining("'stops'");
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree(
                "{\"segments\":[{\"range\":{\"start\":\"26377\"}}]}")))
                .hasMessageContaining("'start'");
    }

    @Test
    void aSegmentWithoutARangeOrWithSharesAboveOneIsRefusedNamingTheSegment() {
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree("{\"segments\":[{\"read\":1}]}")))
                .hasMessageContaining("segments[0].range");
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree(
                "{\"segments\":[{\"range\":{\"prefix\":\"1\"}},{\"range\":{\"prefix\":\"2\"},\"read\":0.8,\"reply\":0.3}]}")))
                .hasMessageStartingWith("segments[1]").hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree(
                "{\"segments\":[{\"range\":{\"from\":\"hello\",\"to\":\"+263770000000\"}}]}")))
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> PopulationBody.parse(json.readTree("[]"))).hasMessageContaining("segments");
    }
}
