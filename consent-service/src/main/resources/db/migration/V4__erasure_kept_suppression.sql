-- Whether erasing the subject kept a suppression entry, so a repeated erasure reports the same.
ALTER TABLE subject ADD COLUMN suppression_kept BOOLEAN NOT NULL DEFAULT false;
