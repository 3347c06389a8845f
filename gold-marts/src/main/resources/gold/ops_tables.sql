-- Run log of the gold orchestrator: runs, model builds, data-test results, reconciliations.
create schema if not exists sales_gold;
create schema if not exists sales_ops;

create table if not exists sales_ops.gold_runs (
    run_id          varchar not null primary key,
    trigger         varchar not null,
    selection       varchar not null,
    full_refresh    boolean not null,
    build           boolean not null,
    started_at      timestamp not null,
    finished_at     timestamp not null,
    status          varchar not null,
    models_built    bigint not null,
    models_failed   bigint not null,
    models_skipped  bigint not null,
    tests_passed    bigint not null,
    tests_warned    bigint not null,
    tests_failed    bigint not null
);

create table if not exists sales_ops.gold_model_runs (
    run_id          varchar not null,
    model           varchar not null,
    materialization varchar not null,
    mode            varchar not null,
    run_started_at  timestamp not null,
    started_at      timestamp not null,
    finished_at     timestamp not null,
    duration_ms     bigint not null,
    attempts        integer not null,
    status          varchar not null,
    rows_affected   bigint,
    error           varchar,
    primary key (run_id, model)
);

create table if not exists sales_ops.gold_test_results (
    run_id        varchar not null,
    test          varchar not null,
    model         varchar,
    kind          varchar not null,
    severity      varchar not null,
    started_at    timestamp not null,
    duration_ms   bigint not null,
    status        varchar not null,
    failing_rows  bigint,
    error         varchar,
    primary key (run_id, test)
);

create table if not exists sales_ops.gold_reconciliations (
    run_id        varchar not null,
    checked_at    timestamp not null,
    check_name    varchar not null,
    store_count   bigint,
    bronze_count  bigint,
    silver_count  bigint,
    status        varchar not null,
    detail        varchar
);

-- What each model was last built from: a fingerprint of its SQL, of its sources' contents and of
-- its refs' fingerprints. A run skips a model whose fingerprint did not change (mode 'unchanged').
create table if not exists sales_ops.gold_model_state (
    model        varchar not null primary key,
    fingerprint  varchar not null,
    run_id       varchar not null,
    built_at     timestamp not null
);
