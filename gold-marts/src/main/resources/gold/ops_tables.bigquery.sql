-- The orchestrator's run log on BigQuery: the tables of ops_tables.sql in GoogleSQL types. BigQuery
-- has no enforced primary keys; the runner writes each key once (model state: delete, then insert).
create schema if not exists sales_gold;
create schema if not exists sales_ops;

create table if not exists sales_ops.gold_runs (
    run_id          string not null,
    trigger         string not null,
    selection       string not null,
    full_refresh    bool not null,
    build           bool not null,
    started_at      timestamp not null,
    finished_at     timestamp not null,
    status          string not null,
    models_built    int64 not null,
    models_failed   int64 not null,
    models_skipped  int64 not null,
    tests_passed    int64 not null,
    tests_warned    int64 not null,
    tests_failed    int64 not null
);

create table if not exists sales_ops.gold_model_runs (
    run_id          string not null,
    model           string not null,
    materialization string not null,
    mode            string not null,
    run_started_at  timestamp not null,
    started_at      timestamp not null,
    finished_at     timestamp not null,
    duration_ms     int64 not null,
    attempts        int64 not null,
    status          string not null,
    rows_affected   int64,
    error           string
);

create table if not exists sales_ops.gold_test_results (
    run_id        string not null,
    test          string not null,
    model         string,
    kind          string not null,
    severity      string not null,
    started_at    timestamp not null,
    duration_ms   int64 not null,
    status        string not null,
    failing_rows  int64,
    error         string
);

create table if not exists sales_ops.gold_reconciliations (
    run_id        string not null,
    checked_at    timestamp not null,
    check_name    string not null,
    store_count   int64,
    bronze_count  int64,
    silver_count  int64,
    status        string not null,
    detail        string
);

create table if not exists sales_ops.gold_model_state (
    model        string not null,
    fingerprint  string not null,
    run_id       string not null,
    built_at     timestamp not null
);
