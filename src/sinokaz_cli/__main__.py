from sinokaz_cli.cli import main

main()
