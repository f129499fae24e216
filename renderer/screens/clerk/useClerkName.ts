/**
 * A clerk by name where the terminal knows them (its clerk list), by id otherwise: a clerk
 * removed since, or an actor that is not a clerk ('system', 'cli').
 */
import { useSession } from '../../api/ApiProvider';

export function useClerkName(): (clerkId: string) => string {
  const session = useSession();
  return (clerkId) => session?.clerks.find((k) => k.id === clerkId)?.name ?? clerkId;
}
