Console.WriteLine("Wfm simulator");
