// escdesk-bench: speed goals as printed numbers (never timed unit tests).
// Build and run in release:  swift run -c release escdesk-bench [decisions] [--config DIR]
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first.map { $0.hasPrefix("-") ? "all" : $0 } ?? "all"
if arguments.first == which { arguments.removeFirst() }

switch which {
case "decisions":
    try runDecisionBenchmark(arguments: arguments)
case "store":
    runStoreBenchmarks(arguments: arguments)
case "desk":
    try runDeskBenchmark(arguments: arguments)
case "search":
    try runSearchBenchmark(arguments: arguments)
case "sweep":
    try runSweepBenchmark(arguments: arguments)
case "authority":
    try runAuthorityBenchmark(arguments: arguments)
case "simulate":
    try runSimulateBenchmark(arguments: arguments)
case "all":
    try runDecisionBenchmark(arguments: arguments)
    runStoreBenchmarks(arguments: arguments)
default:
    FileHandle.standardError.write(Data("""
        usage: escdesk-bench [decisions|store|desk|search|authority|simulate|all] [--config DIR] [--count N] [--cases N] [--demo N] [--dir PATH] [--keep]
                     desk --db PATH [--as STAFF_ID] [--keys N]
                     search --db PATH [--rounds N] [--erase CUSTOMER --erase-as STAFF_ID]
                     sweep --db PATH [--now TIME]
                     authority --db PATH
                     simulate --db PATH [--days N] [--rounds N]

        """.utf8))
    exit(64)
}
