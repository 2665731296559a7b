global using Orleans;
global using Orleans.Concurrency;
global using Wfm.Core.Adherence;
global using Wfm.Core.Agents;
global using Wfm.Core.Directory;
global using Wfm.Core.Events;
global using Wfm.Core.Queues;
