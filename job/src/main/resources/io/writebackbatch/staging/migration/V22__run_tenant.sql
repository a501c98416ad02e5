-- A run belongs to a tenant (issue 22). Its tenant id and cloud are job parameters ('tenantId', 'cloud'), not
-- identifying. Runs recorded before then have no tenant: they are marked 'unassigned' here, never guessed, and
-- the job refuses to work with them until 'assign-tenant --tenant <id>' names the tenant they were for.
INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING)
SELECT e.JOB_EXECUTION_ID, 'tenantId', 'java.lang.String', 'unassigned', 'N'
FROM BATCH_JOB_EXECUTION e
WHERE NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
                  WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenantId');
