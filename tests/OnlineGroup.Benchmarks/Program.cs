Console.WriteLine("OnlineGroup benchmarks: see README.");
