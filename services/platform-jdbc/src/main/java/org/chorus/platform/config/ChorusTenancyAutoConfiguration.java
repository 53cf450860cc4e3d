package org.chorus.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.observation.tracing.DataSourceBaseContext;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.platform.crypto.SealingKeys;
import org.chorus.platform.events.EventFeed;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.FeedCursors;
import org.chorus.platform.events.FeedHeads;
import org.chorus.platform.events.FeedHeadsGrpcService;
import org.chorus.platform.events.MovedFeeds;
import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.personal.PersonalDataGrpcService;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.personal.PersonalDataKeys;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.requests.RememberedAnswers;
import org.chorus.platform.security.ServiceCredentials;
import org.chorus.platform.tenancy.CommissionDatabases;
import org.chorus.platform.tenancy.CommissionRoutingDataSource;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.platform.tenancy.CommissionSchemasUpToDate;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.tenancy.ProvisioningGrpcService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Each commission's data in its own schema: {@link CommissionTransactions} for the work, as the
 * application's login role, and {@link CommissionSchemaProvisioner} to set a commission up, as the
 * database owner (the Flyway user); the event feed ({@link EventOutbox}, {@link EventFeed}) and
 * request-id replay ({@link CreateRequests}) in every commission's schema. {@code chorus.service}
 * names the service in role names.
 */
@AutoConfiguration(beforeName = {
        // The provisioning service must exist before the gRPC server collects its services.
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration"})
public class ChorusTenancyAutoConfiguration {

    /**
     * A span for each SQL statement only in a call whose trace is recorded (the caller's sampling decision, or the
     * service's {@code management.tracing.sampling.probability}): in the other calls a statement makes no observation at
     * all, where it would make a span nobody keeps, two timers and log context. Measured by the payments benchmark (6
     * December 2026): with every statement observed, most of the payments service's CPU went on observing SQL.
     */
    @Bean
    ObservationPredicate chorusSqlObservedOnlyInRecordedTraces(ObjectProvider<Tracer> tracers) {
        // Looked up once: a lookup in the bean factory for every statement cost more than the span it decides on.
        Supplier<Tracer> tracer = SingletonSupplier.of(tracers::getIfAvailable);
        return (name, context) -> !(context instanceof DataSourceBaseContext) || recorded(tracer.get());
    }

    private static boolean recorded(Tracer tracer) {
        Span span = tracer == null ? null : tracer.currentSpan();
        return span != null && Boolean.TRUE.equals(span.context().sampled());
    }

    /**
     * Where each commission's data lives: the service's own database, or one of its own by
     * configuration alone, {@code chorus.tenancy.dedicated-databases.<commission>=<JDBC URL>}.
     */
    @Bean
    CommissionDatabases chorusCommissionDatabases(Environment environment) {
        String url = environment.getProperty("spring.flyway.url", environment.getRequiredProperty("spring.datasource.url"));
        CommissionDatabases.Login owner = new CommissionDatabases.Login(environment.getRequiredProperty("spring.flyway.user"),
                environment.getProperty("spring.flyway.password", ""));
        CommissionDatabases.Login application = new CommissionDatabases.Login(
                environment.getRequiredProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password", ""));
        Map<String, String> dedicated = Binder.get(environment)
                .bind("chorus.tenancy.dedicated-databases", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return new CommissionDatabases(new SimpleDriverDataSource(new org.postgresql.Driver(), url, owner.user(), owner.password()),
                owner, application, dedicated);
    }

    /**
     * The application's pool learns where each commission's data lives (the service defaults make it a routing one).
     * Before initialisation, while the bean is still the pool itself: afterwards it is wrapped for JDBC observations.
     */
    @Bean
    static BeanPostProcessor chorusCommissionRouting(ObjectProvider<CommissionDatabases> databases) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof CommissionRoutingDataSource pool && "dataSource".equals(name)) {
                    pool.routeWith(databases.getObject());
                } else if (bean instanceof DataSource && "dataSource".equals(name) && databases.getObject().anyDedicated()) {
                    throw new IllegalStateException("chorus.tenancy.dedicated-databases needs spring.datasource.type="
                            + CommissionRoutingDataSource.class.getName());
                }
                return bean;
            }
        };
    }

    @Bean
    CommissionTransactions chorusCommissionTransactions(Environment environment, JdbcClient jdbc, TransactionTemplate transactions,
                                                        CommissionDatabases databases, CommissionSchemaProvisioner provisioner) {
        return new CommissionTransactions(environment.getRequiredProperty("chorus.service"), jdbc, transactions, databases, provisioner);
    }

    @Bean
    CommissionSchemasUpToDate chorusCommissionSchemasUpToDate(CommissionTransactions transactions,
                                                              CommissionSchemaProvisioner provisioner) {
        return new CommissionSchemasUpToDate(transactions, provisioner);
    }

    /** Jobs on the clock, one at a time across the service's instances. */
    @Bean
    OneAtATime chorusOneAtATime(DataSource dataSource, Environment environment) {
        return new OneAtATime(dataSource, environment.getRequiredProperty("chorus.service"));
    }

    /** Request ids of creating calls in a commission's own schema. */
    @Bean
    CreateRequests chorusCommissionCreateRequests(JdbcClient jdbc) {
        return new CreateRequests(jdbc, "create_request");
    }

    /** The remembered answers of calls that move money, in a commission's own schema. */
    @Bean
    RememberedAnswers chorusRememberedAnswers(CommissionTransactions transactions, JdbcClient jdbc) {
        return new RememberedAnswers(transactions, jdbc);
    }

    /** How far this service has read other services' feeds, per commission. */
    @Bean
    FeedCursors chorusFeedCursors(JdbcClient jdbc) {
        return new FeedCursors(jdbc);
    }

    /** Each commission's outbox, written in the same transaction as every change. */
    @Bean
    EventOutbox chorusEventOutbox(JdbcClient jdbc, FeedHeads heads) {
        return new EventOutbox(jdbc, heads);
    }

    /** Where each commission's feed has got, moved after each commit that adds events; it writes what is left when the service stops. */
    @Bean
    FeedHeads chorusFeedHeads(JdbcClient jdbc) {
        return new FeedHeads(jdbc);
    }

    /**
     * For a service that reads other services' feeds: which commissions' feeds moved, asked of the service that owns
     * them, and every one read at least every {@code chorus.events.sweep-every} (10 minutes by default) in any case.
     */
    @Bean
    MovedFeeds.Factory chorusMovedFeeds(ObjectProvider<GrpcChannelFactory> channels, ObjectProvider<ServiceCredentials> credentials,
                                        ObjectProvider<Clock> clock, Environment environment) {
        Duration sweepEvery = environment.getProperty("chorus.events.sweep-every", Duration.class, Duration.ofMinutes(10));
        return service -> new MovedFeeds(service, () -> channels.getObject().createChannel(service), credentials.getObject(),
                clock.getIfAvailable(Clock::systemUTC), sweepEvery);
    }

    /** Which commissions' feeds moved, for the services that read them. */
    @Bean
    FeedHeadsGrpcService chorusFeedHeadsGrpcService(FeedHeads heads) {
        return new FeedHeadsGrpcService(heads);
    }

    /**
     * The service's event feed, named by {@code chorus.events.collection} ({@code events} by default:
     * {@code commissions/leeds/events/12}), typed by the contract's {@code chorus.*} messages.
     */
    @Bean
    EventFeed chorusEventFeed(EventOutbox outbox, CommissionTransactions transactions, Environment environment) {
        return new EventFeed(outbox, transactions, environment.getProperty("chorus.events.collection", "events"),
                () -> ProtoDescriptors.load(EventFeed.class.getClassLoader()).messages("chorus."));
    }

    /**
     * The service's own key: it wraps each person's key and seals the service's other secrets (such as
     * voucher codes). {@code chorus.personal-data.key} (base64 of 32 bytes), {@code chorus.personal-data.key-id},
     * and {@code chorus.personal-data.retired-keys.<id>}.
     */
    @Bean
    SealingKeys chorusServiceKeys(Environment environment) {
        Map<String, String> retired = Binder.get(environment)
                .bind("chorus.personal-data.retired-keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return SealingKeys.fromConfiguration("chorus.personal-data.key", environment.getProperty("chorus.personal-data.key-id"),
                environment.getProperty("chorus.personal-data.key"), retired);
    }

    /** Each person's own data key, wrapped by the service's. */
    @Bean
    PersonalDataKeys chorusPersonalDataKeys(JdbcClient jdbc, @Qualifier("chorusServiceKeys") SealingKeys serviceKeys,
                                            ObjectProvider<Clock> clock) {
        return new PersonalDataKeys(jdbc, serviceKeys, clock.getIfAvailable(Clock::systemUTC));
    }

    /** What this service holds about a person, and erasing it, for the membership service to ask. */
    @Bean
    PersonalDataGrpcService chorusPersonalDataGrpcService(Environment environment, CommissionTransactions transactions,
                                                          PersonalDataKeys keys, ObjectProvider<PersonalDataHolder> holders) {
        return new PersonalDataGrpcService(environment.getRequiredProperty("chorus.service"), transactions, keys, holders);
    }

    @Bean
    ProvisioningGrpcService chorusProvisioningGrpcService(Environment environment, CommissionSchemaProvisioner provisioner) {
        return new ProvisioningGrpcService(environment.getRequiredProperty("chorus.service"), provisioner);
    }

    @Bean
    CommissionSchemaProvisioner chorusCommissionSchemaProvisioner(Environment environment, CommissionDatabases databases,
                                                                  ObjectProvider<MeterRegistry> meters) {
        return new CommissionSchemaProvisioner(environment.getRequiredProperty("chorus.service"), databases,
                environment.getRequiredProperty("chorus.tenancy.migrations"), meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
