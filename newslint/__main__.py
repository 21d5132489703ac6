from newslint.console import main

raise SystemExit(main())
