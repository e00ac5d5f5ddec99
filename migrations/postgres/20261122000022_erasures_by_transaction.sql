-- The direct-write audit trigger asks, for every row a transaction writes, whether
-- that transaction is an erasure (`audit_erasures.txid = txid_current()`); the
-- primary key starts with the customer, so the question read the whole table. A save
-- that assigns 100,000 customers to a group asks it 100,000 times.
CREATE INDEX audit_erasures_by_txid ON audit_erasures (txid);
