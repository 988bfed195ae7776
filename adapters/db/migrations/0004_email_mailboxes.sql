-- Reserved for email channel (issue 3); its owner replaces this placeholder.
SELECT 1;
