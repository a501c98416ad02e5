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
    created_since     TIMESTAMP WITH TIME ZONE,
    compared_with     BIGINT
);

-- Groups the definition's last completed apply (run compared_with above) changed and that this run found turned back.
CREATE TABLE wb_reverted (
    run_id            BIGINT        NOT NULL,
    group_id          VARCHAR(36)   NOT NULL,
    display_name      VARCHAR(512),
    set_by_run        VARCHAR(120)  NOT NULL,
    now_state         VARCHAR(120)  NOT NULL,
    changed_again     BOOLEAN       NOT NULL,
    PRIMARY KEY (run_id, group_id)
);
