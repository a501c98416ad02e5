-- Change control (issue 12). Its own migration: applied migrations are never edited.

-- The change set of a plan run, sealed by its digest, so that 'apply --plan' can carry out exactly that plan.
CREATE TABLE wb_plan_seal (
    run_id            BIGINT        NOT NULL PRIMARY KEY,
    digest            VARCHAR(64)   NOT NULL,
    changes           BIGINT        NOT NULL,
    definition_sha256 VARCHAR(64)   NOT NULL,
    planned_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_by        VARCHAR(256)
);

-- Which inventory a run read (FULL, INCREMENTAL, PLANNED_GROUPS) and why; decided once, kept on restart.
CREATE TABLE wb_run_inventory (
    run_id            BIGINT        NOT NULL PRIMARY KEY,
    kind              VARCHAR(16)   NOT NULL,
    reason            VARCHAR(600)  NOT NULL,
    created_since     TIMESTAMP WITH TIME ZONE
);
