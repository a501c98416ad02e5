-- One row per unified group per run: what inventory saw (the previous state), what plan decided, what apply got.
CREATE TABLE wb_group (
    run_id            BIGINT        NOT NULL,
    group_id          VARCHAR(36)   NOT NULL,
    display_name      VARCHAR(512),
    created_at        TIMESTAMP WITH TIME ZONE,
    on_prem_sync      BOOLEAN       NOT NULL,
    prev_enabled      BOOLEAN,
    prev_type         VARCHAR(64),
    decision          VARCHAR(16),
    reason_code       VARCHAR(40),
    reason            VARCHAR(600),
    target_enabled    BOOLEAN,
    target_type       VARCHAR(64),
    member_count      BIGINT,
    outcome           VARCHAR(16),
    http_status       INTEGER,
    error_code        VARCHAR(128),
    error_message     VARCHAR(1000),
    request_id        VARCHAR(64),
    attempts          INTEGER,
    applied_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, group_id)
);

CREATE INDEX wb_group_pending ON wb_group (run_id, decision, outcome, group_id);

-- What the run did to the tenant-wide Group.Unified setting (at most one row per run).
CREATE TABLE wb_setting_change (
    run_id            BIGINT        NOT NULL PRIMARY KEY,
    setting_existed   BOOLEAN       NOT NULL,
    setting_id        VARCHAR(64),
    previous_value    VARCHAR(16),
    target_value      VARCHAR(16),
    decision          VARCHAR(16)   NOT NULL,
    reason            VARCHAR(600),
    outcome           VARCHAR(16)
);
