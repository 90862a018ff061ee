import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { UsersService } from '../users.service';
import { CreateUserInput, SetUserRolesInput, User, UserConnection, UserIdInput, UsersArgs } from './user.graphql-types';

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserConnection, { description: "Users of the caller's agency." })
  @Allow(Permission.USER_READ)
  users(@Args() args: UsersArgs): Promise<UserConnection> {
    return this.service.list(args.first, args.after);
  }

  @Mutation(() => User)
  @Allow(Permission.USER_MANAGE)
  createUser(@Args('input') input: CreateUserInput): Promise<User> {
    return this.service.create(input);
  }

  @Mutation(() => User)
  @Allow(Permission.USER_MANAGE)
  setUserRoles(@Args('input') input: SetUserRolesInput): Promise<User> {
    return this.service.setRoles(input.userId, input.roles, input.version);
  }

  @Mutation(() => User, { description: 'Disable a user; all their sessions end at once.' })
  @Allow(Permission.USER_MANAGE)
  disableUser(@Args('input') input: UserIdInput): Promise<User> {
    return this.service.setActive(input.userId, false);
  }

  @Mutation(() => User)
  @Allow(Permission.USER_MANAGE)
  enableUser(@Args('input') input: UserIdInput): Promise<User> {
    return this.service.setActive(input.userId, true);
  }

  @Mutation(() => User, { description: 'Unlock an account locked after repeated failed sign-ins.' })
  @Allow(Permission.USER_MANAGE)
  unlockUser(@Args('input') input: UserIdInput): Promise<User> {
    return this.service.unlock(input.userId);
  }

  @Mutation(() => User, { description: 'Remove MFA from an account (lost device); the user sets it up again.' })
  @Allow(Permission.USER_MANAGE)
  resetUserMfa(@Args('input') input: UserIdInput): Promise<User> {
    return this.service.resetMfa(input.userId);
  }
}
