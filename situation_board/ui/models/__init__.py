"""Table models (one QAbstractTableModel per list) and their filter proxies."""
