-- Consumers keep a phone's highest version and drop lower ones as stale, so versions must grow in the order
-- changes are made. With CACHE 1000 every database connection pre-allocated its own block (one connection
-- handing out 4, 5 while another had handed out 1008), and dispatch ignored a STOP as "stale". CACHE 1 makes
-- nextval monotonic across connections; values already handed out stay below every new one.
ALTER SEQUENCE consent_version CACHE 1;
