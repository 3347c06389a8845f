package dev.salesflow.eventstore;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Read-only questions to Axon's JPA event store: counts for progress and resumption. */
@Component
@Transactional(readOnly = true)
public class EventStoreQueries {

    private final EntityManager entityManager;
    private final StoredEventCount storedEvents;

    public EventStoreQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.storedEvents = new StoredEventCount(
                new StoredEventCount.Rows() {
                    @Override
                    public long countBetween(long after, long through) {
                        return entityManager
                                .createQuery(
                                        "select count(e) from DomainEventEntry e"
                                                + " where e.globalIndex > :after and e.globalIndex <= :through",
                                        Long.class)
                                .setParameter("after", after)
                                .setParameter("through", through)
                                .getSingleResult();
                    }

                    @Override
                    public Long head() {
                        return entityManager
                                .createQuery("select max(e.globalIndex) from DomainEventEntry e", Long.class)
                                .getSingleResult();
                    }
                },
                Clock.systemUTC());
    }

    /**
     * Events stored, counted row by row: never H2's own {@code COUNT(*)}, which a kill -9 can leave
     * above the rows any read returns ({@link StoredEventCount}).
     */
    public long countEvents() {
        return storedEvents.count();
    }

    /** Aggregates of a type ever created, counted by their first event. */
    public long countAggregates(String aggregateType) {
        return entityManager
                .createQuery(
                        "select count(e) from DomainEventEntry e" + " where e.type = :type and e.sequenceNumber = 0",
                        Long.class)
                .setParameter("type", aggregateType)
                .getSingleResult();
    }

    public Set<String> aggregateIds(List<String> aggregateTypes) {
        return new HashSet<>(entityManager
                .createQuery(
                        "select e.aggregateIdentifier from DomainEventEntry e"
                                + " where e.type in :types and e.sequenceNumber = 0",
                        String.class)
                .setParameter("types", aggregateTypes)
                .getResultList());
    }

    /** Those of these aggregates that exist (have a first event stored), whatever their type. */
    public Set<String> existingAggregates(Collection<String> aggregateIds) {
        Set<String> found = new HashSet<>();
        List<String> ids = List.copyOf(aggregateIds);
        for (int from = 0; from < ids.size(); from += 500) {
            found.addAll(entityManager
                    .createQuery(
                            "select e.aggregateIdentifier from DomainEventEntry e"
                                    + " where e.aggregateIdentifier in :ids and e.sequenceNumber = 0",
                            String.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .getResultList());
        }
        return found;
    }

    /** A page of (global index, event id) in store order, after the given global index. */
    public List<StoredEventId> eventIdsAfter(long globalIndex, int pageSize) {
        return entityManager
                .createQuery(
                        "select new dev.salesflow.eventstore.StoredEventId(e.globalIndex,"
                                + " e.eventIdentifier) from DomainEventEntry e where e.globalIndex > :after"
                                + " order by e.globalIndex",
                        StoredEventId.class)
                .setParameter("after", globalIndex)
                .setMaxResults(pageSize)
                .getResultList();
    }

    public List<String> eventIds() {
        return entityManager
                .createQuery("select e.eventIdentifier from DomainEventEntry e", String.class)
                .getResultList();
    }
}
