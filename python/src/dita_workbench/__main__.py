"""python3 -m dita_workbench replay FILE [KERNEL_MODULE [REFERENCE_MODULE]] — the replay helper from a shell."""
import sys

from .replay import main

if len(sys.argv) < 2 or sys.argv[1] != "replay":
    print("usage: python3 -m dita_workbench replay FILE [KERNEL_MODULE [REFERENCE_MODULE]]", file=sys.stderr)
    sys.exit(2)
sys.exit(main(sys.argv[2:]))
