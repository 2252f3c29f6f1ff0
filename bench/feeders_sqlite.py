"""The baseline for `plangraph feeders`: the projects that feed a target, from a plain
sqlite3 script over the store's own tables (a recursive query up the ``supports``
edges from the target and from the tasks it quantifies), printed by name.

    python bench/feeders_sqlite.py STORE_DIR TARGET_ID
"""

import sqlite3
import sys
from pathlib import Path

FEEDERS = """
WITH RECURSIVE
  target(nid) AS (SELECT nid FROM nodes WHERE id = ?1),
  start(nid) AS (
    SELECT nid FROM target
    UNION SELECT e.target FROM edges e JOIN nodes t ON t.nid = e.target
    WHERE e.source IN (SELECT nid FROM target) AND e.type = 'supports' AND t.type = 'Task'
  ),
  up(nid, depth) AS (
    SELECT nid, 0 FROM start
    UNION SELECT e.source, up.depth + 1 FROM edges e JOIN up ON e.target = up.nid
    WHERE e.type = 'supports' AND up.depth < 6
  )
SELECT DISTINCT n.name FROM up JOIN nodes n ON n.nid = up.nid WHERE n.type = 'Project' ORDER BY n.name
"""

db = Path(sys.argv[1]) / "graph.sqlite"
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
for (name,) in con.execute(FEEDERS, (sys.argv[2],)):
    print(name)
