package dev.salesflow.eventstore;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL dialect for Axon's JPA entities: every {@code @Lob byte[]} column becomes {@code bytea}.
 *
 * <p>Axon maps the serialized payload and metadata of {@code DomainEventEntry} and
 * {@code SnapshotEventEntry}, {@code TokenEntry.token}, the saga and the dead-letter blobs as
 * {@code @Lob byte[]}. Hibernate 6's PostgreSQL dialect stores {@code BLOB} as an {@code oid}: a
 * reference to a large object kept outside the row (unreadable in SQL, and orphaned unless
 * {@code lo_unlink}ed). This is the remedy Axon's reference guide describes for Hibernate 6 (RDBMS
 * tuning, "PostgreSQL, @Lob-annotated columns, and default Hibernate mapping"): declare {@code BLOB}
 * columns and casts as {@code bytea} and bind them with the plain binary JDBC type, so the bytes
 * live in the row. It changes the type of every {@code @Lob byte[]} of the persistence unit, which
 * in this application are Axon's alone. Chosen by {@code application-postgres.yml}.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    public ByteaPostgreSQLDialect() {
        super();
    }

    /** Used by Hibernate when it can ask the connected server for its version. */
    public ByteaPostgreSQLDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions
                .getTypeConfiguration()
                .getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
