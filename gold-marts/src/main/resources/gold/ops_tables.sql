-- Run log of the gold orchestrator and the results of its data tests.
create schema if not exists sales_gold;
create schema if not exists sales_ops;

create table if not exists sales_ops.model_runs (
    run_id      varchar not null,
    model       varchar not null,
    started_at  timestamp not null,
    finished_at timestamp not null,
    status      varchar not null,
    row_count   bigint,
    error       varchar,
    primary key (run_id, model)
);

create table if not exists sales_ops.data_test_results (
    run_id        varchar not null,
    test          varchar not null,
    checked_at    timestamp not null,
    status        varchar not null,
    failing_rows  bigint,
    error         varchar,
    primary key (run_id, test)
);
