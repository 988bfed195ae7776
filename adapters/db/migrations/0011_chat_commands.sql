-- Reserved for chat commands and auditor queries (issue 4); its owner replaces this placeholder.
SELECT 1;
