-- Reserved for KPIs and dashboard (issue 7); its owner replaces this placeholder.
SELECT 1;
