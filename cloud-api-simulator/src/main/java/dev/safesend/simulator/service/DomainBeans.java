package dev.safesend.simulator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.CustomerServiceWindow;
import dev.safesend.simulator.domain.DeliveryLifecycle;
import dev.safesend.simulator.domain.PairLimiter;
import dev.safesend.simulator.domain.SendGate;
import dev.safesend.simulator.domain.SendLedger;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateParameterRule;
import dev.safesend.simulator.domain.TemplateRegistry;
import dev.safesend.simulator.domain.ThroughputLimiter;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.domain.WamidSequence;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Builds the plain-Java domain objects from configuration, once. */
public class DomainBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    BusinessNumbers businessNumbers(SimulatorConfig config) {
        return new BusinessNumbers(config.wabaId(), config.wabas(), config.displayNumbers(), config.throughput(),
                config.defaultMps());
    }

    @Produces
    @Singleton
    UserDirectory userDirectory(Clock clock, BusinessNumbers numbers) {
        return new UserDirectory(clock, numbers, new LibphonenumberRegions());
    }

    @Produces
    @Singleton
    ThroughputLimiter throughputLimiter(Clock clock, BusinessNumbers numbers) {
        return new ThroughputLimiter(clock, numbers);
    }

    @Produces
    @Singleton
    PairLimiter pairLimiter(Clock clock, SimulatorConfig config) {
        return new PairLimiter(clock, config.pairLimit().interval(), config.pairLimit().burst());
    }

    @Produces
    @Singleton
    CustomerServiceWindow customerServiceWindow(Clock clock, SimulatorConfig config) {
        return new CustomerServiceWindow(clock, config.customerWindow());
    }

    /** Built at start so a broken templates file stops the simulator at once. */
    @Produces
    @Singleton
    @Startup
    TemplateRegistry templateRegistry(SimulatorConfig config, ObjectMapper json) {
        TemplateCatalogReader reader = new TemplateCatalogReader(json);
        List<Template> templates = config.templatesFile().map(Path::of).map(reader::readFile).orElseGet(reader::readDefaults);
        Log.infof("Loaded %d templates from %s", templates.size(),
                config.templatesFile().orElse("classpath:" + TemplateCatalogReader.DEFAULT_RESOURCE));
        return new TemplateRegistry(templates);
    }

    @Produces
    @Singleton
    SendGate sendGate(ThroughputLimiter throughput, TemplateRegistry templates, CustomerServiceWindow window,
                      PairLimiter pairs, BusinessNumbers numbers, UserDirectory users, SimulatorConfig config) {
        return new SendGate(throughput, templates, new TemplateParameterRule(), window, pairs, numbers, users,
                config.windowErrorMode());
    }

    @Produces
    @Singleton
    SendLedger sendLedger() {
        return new SendLedger();
    }

    @Produces
    @Singleton
    DeliveryLifecycle deliveryLifecycle(SimulatorConfig config) {
        SimulatorConfig.Delivery delivery = config.delivery();
        return new DeliveryLifecycle(delivery.sentDelay(), delivery.deliveredDelay(), delivery.readDelay(),
                delivery.deliveredRatio(), delivery.readRatio());
    }

    @Produces
    @Singleton
    WamidSequence wamidSequence() {
        return new WamidSequence();
    }
}
