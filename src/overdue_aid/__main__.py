from overdue_aid.cli import main

main()
