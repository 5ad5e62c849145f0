// Pure folds over ledger facts live here (scoring views arrive with issue 3).
