using BenchmarkDotNet.Running;
using OnlineGroup.Benchmarks.Load;

// One executable, three uses:
//   load [options]               the SignalR load benchmark: bare hub vs the product (Load/)
//   bare-server --urls URL       the bare broadcast hub the load benchmark measures against
//   anything else                BenchmarkDotNet classes in this assembly (e.g. --filter '*Scan*')
switch (args.Length > 0 ? args[0] : null)
{
    case "load":
        return await LoadCommand.RunAsync(args[1..]);
    case "bare-server":
        await BareServer.RunAsync(args[1..]);
        return 0;
    default:
        // Not typeof(Program): the referenced server also declares a public Program (for
        // WebApplicationFactory), and naming it here is error CS0436 under warnings-as-errors.
        BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
        return 0;
}
