-- isAssignableToRole as listed: updating such a group needs RoleManagement.ReadWrite.Directory (planned and reported apart)
ALTER TABLE wb_group ADD COLUMN role_assignable BOOLEAN DEFAULT FALSE NOT NULL;
