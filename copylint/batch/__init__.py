"""`copylint batch`: archive-scale checking on Dask (the optional extra `copylint[dask]`).

The command (command.py) imports no Dask: `copylint check` starts as fast with the extra
installed. Sources are listed and partitioned on the client (inputs.py, plan.py); each partition
is one Dask task (task.py) that checks its files story by story with a run built once per worker
thread (cluster.py's worker plugin), writes its records with an atomic rename (output.py) and
returns its counts (summary.py).
"""

#: files per partition unless --partition-size says otherwise
DEFAULT_PARTITION_SIZE = 100
