/** The swarm the Swarm view's refresh is measured with: 50 replicated services of 4 tasks (200 tasks). Shared by the runner and the extension host. */
export const SWARM_SERVICES = 50;
export const SWARM_REPLICAS = 4;
