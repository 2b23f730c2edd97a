// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// osETH replica (v3-core contracts/tokens/OsToken.sol): an 18-decimals ERC20 minted and burned only by the vault
/// controller (or an enabled controller). EIP-2612 permit is not replicated.
contract OsToken is SWOwnable {
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ERC20InvalidReceiver(address receiver);
    error ERC20InvalidSender(address sender);

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event ControllerUpdated(address indexed controller, bool registered);

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;
    mapping(address => bool) public controllers;
    address private _vaultController;

    /// One-time setup: owner, the vault controller, and the starting supply (osETH already in circulation on mainnet).
    function devnetInitialize(address _owner, address vaultController, address holder, uint256 supply) external {
        _initOwner(_owner);
        _vaultController = vaultController;
        name = "Staked ETH";
        symbol = "osETH";
        decimals = 18;
        totalSupply = supply;
        balanceOf[holder] = supply;
        emit Transfer(address(0), holder, supply);
    }

    // Set at initialisation (the placed code has no constructor), read as views like the real ERC20 getters.
    string public name;
    string public symbol;
    uint8 public decimals;

    modifier onlyController() {
        if (msg.sender != _vaultController && !controllers[msg.sender]) revert SWErrors.AccessDenied();
        _;
    }

    function mint(address account, uint256 value) external onlyController {
        if (account == address(0)) revert ERC20InvalidReceiver(address(0));
        totalSupply += value;
        balanceOf[account] += value;
        emit Transfer(address(0), account, value);
    }

    function burn(address account, uint256 value) external onlyController {
        uint256 balance = balanceOf[account];
        if (balance < value) revert ERC20InsufficientBalance(account, balance, value);
        balanceOf[account] = balance - value;
        totalSupply -= value;
        emit Transfer(account, address(0), value);
    }

    function setController(address controller, bool registered) external onlyOwner {
        if (controller == address(0)) revert SWErrors.ZeroAddress();
        controllers[controller] = registered;
        emit ControllerUpdated(controller, registered);
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            allowance[from][msg.sender] = allowed - value;
        }
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 balance = balanceOf[from];
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        balanceOf[from] = balance - value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
