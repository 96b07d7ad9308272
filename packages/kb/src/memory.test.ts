import { describeRepositoryContract } from './contract.ts';
import { createMemoryRepository } from './memory.ts';

describeRepositoryContract('memory', async () => createMemoryRepository());
